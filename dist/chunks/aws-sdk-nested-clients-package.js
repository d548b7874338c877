var packageInfo={version:"3.998.3"};export{packageInfo as p};
